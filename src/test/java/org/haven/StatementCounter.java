package org.haven;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements that requests run, so that tests can hold pages to a budget
 * whatever the size of the data. Wraps the application's data source; only statements
 * from the web server's request threads are counted.
 */
@Component
public class StatementCounter implements BeanPostProcessor {

	private static final Set<String> STATEMENTS = Set.of("prepareStatement", "createStatement", "prepareCall");

	private final AtomicLong count = new AtomicLong();

	@Override
	public Object postProcessAfterInitialization(Object bean, String name) {
		if (bean instanceof DataSource dataSource && name.equals("dataSource")) {
			return proxy(DataSource.class, dataSource, (target, method, args) -> {
				Object result = invoke(method, target, args);
				return (result instanceof Connection connection) ? proxy(Connection.class, connection, this::counted)
						: result;
			});
		}
		return bean;
	}

	/**
	 * @return how many statements request threads have run so far
	 */
	public long count() {
		return this.count.get();
	}

	private Object counted(Object connection, Method method, Object[] args) throws Throwable {
		if (STATEMENTS.contains(method.getName()) && Thread.currentThread().getName().contains("-exec-")) {
			this.count.incrementAndGet();
		}
		return invoke(method, connection, args);
	}

	interface Call {

		Object on(Object target, Method method, Object[] args) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Call call) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("unwrap") && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
				return target;
			}
			if (method.getName().equals("isWrapperFor") && args[0] instanceof Class<?> wanted
					&& wanted.isInstance(target)) {
				return true;
			}
			return call.on(target, method, args);
		};
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
